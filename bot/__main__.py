"""`python3 -m bot …`: sets up the project's virtual environment if needed, then runs `pdn-bot`."""

from bot.bootstrap import ensure_environment

ensure_environment()

from bot.cli import main  # noqa: E402

raise SystemExit(main())
