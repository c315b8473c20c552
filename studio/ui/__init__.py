"""The studio window: Qt widgets, Qt models that adapt the project, dialogs and controllers.

Everything here runs on the Qt main thread (the qasync loop). Models adapt ``ProjectStore`` and the
render planner; they own no project data. Nothing below ``studio.ui`` may import from here.
"""
