"""plainplan: plain-language and plan checks for children's social care documents."""

__version__ = "0.1.0"
