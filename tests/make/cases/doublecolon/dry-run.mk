# -n prints every double-colon recipe.
#! args: -n
t:: ; echo first
t:: ; echo second
