"""Markers that state who may use a view, read by the access-matrix tests."""


def public(view):
    """Anyone, signed in or not, may use this view."""
    view.access = "public"
    return view
