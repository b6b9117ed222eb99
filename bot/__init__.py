"""pdn-bot: the Matrix assistant of a Promeneurs du Net network."""

__version__ = "0.1.0"
