"""Attribution: who said each statement, when, and through which channel."""
