"""Interactive review (`cleaner review`): session state machine (session.py), keys
(keys.py), rich rendering (render.py), terminal input (terminal.py), word-list writes
(wordlist.py), recorded decisions (decisions.py) and their replay (replay.py), and the
file loop (command.py)."""
