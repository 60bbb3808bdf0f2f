"""The lecture material built from one render: the stitched video with chapter marks,
stills and a contact sheet, an offline slide deck, subtitles, narration and a handout.

``python -m lecture.render`` (called by ``./render.sh``) runs the whole job; each
module here does one step and can be called (and tested) on its own.
"""
