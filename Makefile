# The two development commands; README.md ("Development") explains them.
.PHONY: run test

run:
	@bash scripts/dev.sh run

test:
	@bash scripts/dev.sh test
