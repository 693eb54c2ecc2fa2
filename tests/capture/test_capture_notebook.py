def test_integral_float_execution_counts_are_accepted_as_ints():
    from jupyter_ext.capture import normalize_notebook

    output = {"output_type": "execute_result", "execution_count": 2.0, "data": {}, "metadata": {}}
    cell = {"cell_type": "code", "id": "a", "metadata": {}, "execution_count": 2.0,
            "source": "", "outputs": [output]}  # fmt: skip
    nb = normalize_notebook({"nbformat": 4.0, "nbformat_minor": 5.0, "metadata": {},
                             "cells": [cell]})  # fmt: skip
    assert nb["cells"][0]["execution_count"] == 2
    assert nb["cells"][0]["outputs"][0]["execution_count"] == 2
