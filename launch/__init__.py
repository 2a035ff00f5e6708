"""Starting Huidbot's servers (action server, Rasa, the desk) the same way everywhere.

    launch/stack.py     Stack: start, wait for and stop the servers; the endpoints file, written in one place
    launch/__main__.py  `python -m launch [--shell]`: what `make run` and `make shell` start
"""
