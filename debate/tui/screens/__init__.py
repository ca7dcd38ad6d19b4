"""The trainer's screens: picker, round, feedback, summary, help and the quit confirmation."""
