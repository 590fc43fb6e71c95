"""Ingest: study folders and transcripts in, canonical text and speaker turns out.

- :mod:`~thematica.ingest.folder`: the study folder (study.yaml, participants.csv, transcripts/);
- :mod:`~thematica.ingest.participants`: participants.csv, read and checked;
- :mod:`~thematica.ingest.problems`: where the folder's checks put what they find (raised or collected);
- :mod:`~thematica.ingest.formats`: the transcript readers, one module per format, and their registry;
- :mod:`~thematica.ingest.textio`: bytes to text, with clear errors for what is not a transcript;
- :mod:`~thematica.ingest.turns`, :mod:`~thematica.ingest.roles`, :mod:`~thematica.ingest.speakers`,
  :mod:`~thematica.ingest.tooltext`: speaker labels, interviewer and participant roles, the speakers'
  checks, table and settings, lines a tool wrote;
- :mod:`~thematica.ingest.study`: every transcript of a study to canonical text and turns (the workflow's
entry).
"""
