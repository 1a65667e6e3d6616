"""Qt side of the reports: the dialogs that ask what to write, and the controller
that runs the Qt-free report services in the background."""
