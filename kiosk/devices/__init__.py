"""Adapters between the dialog's effects/events and the device packages (speech, vision, printer,
centre client). Each runs its I/O on a worker thread and posts events back into the shell's inbox."""
