"""The steps of extraction, one module each; pipeline.STEPS runs them in order."""
