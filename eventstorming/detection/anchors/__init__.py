"""Where an opportunity is anchored: commands, policies and systems, events, opportunity
stickies."""
