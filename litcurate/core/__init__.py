"""The small core every layer may use: the base error, plain values, ids and the clock.

It imports nothing of litcurate's, so extractors and schemas can depend on it without
reaching up into the application.
"""
