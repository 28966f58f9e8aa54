from tracker_lint.cli import run

run()
