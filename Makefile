test:
	python3 dev.py test

bench:
	python3 dev.py bench

.PHONY: test bench
