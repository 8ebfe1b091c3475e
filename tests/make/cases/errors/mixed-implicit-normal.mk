# A rule mixing pattern and normal targets.
a %.o: b ; @:
