"""Electronic documents as ND30 wants them: PAdES signatures with the Phụ lục I images and places.

prepare (ready-to-sign fields) → signing (one signature as an incremental update) → verify.
"""
