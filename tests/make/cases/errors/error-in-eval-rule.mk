# A failing recipe from $(eval) names the eval's line.
$(eval all: ; @exit 1)
