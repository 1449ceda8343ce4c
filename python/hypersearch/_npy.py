"""NumPy's .npy format (version 1.0), written without NumPy."""

import struct

_FORMATS = {"<f4": "f", "<i8": "q"}


def save(path, values, descr):
    """Writes `values` (an array with tobytes/astype, a torch tensor, or nested lists) as `descr`."""
    if hasattr(values, "detach"):  # a torch tensor
        values = values.detach().cpu().numpy()
    if hasattr(values, "astype") and hasattr(values, "shape"):
        shape = tuple(int(d) for d in values.shape)
        data = values.astype(descr).tobytes(order="C")
    else:
        shape, flat = _flatten(values)
        data = struct.pack("<%d%s" % (len(flat), _FORMATS[descr]), *flat)
    header = "{'descr': '%s', 'fortran_order': False, 'shape': %s, }" % (descr, _shape(shape))
    padding = 64 - (10 + len(header) + 1) % 64
    header = header + " " * (padding % 64) + "\n"
    with open(path, "wb") as f:
        f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode("latin1") + data)


def _shape(shape):
    return "(%d,)" % shape[0] if len(shape) == 1 else "(" + ", ".join(str(d) for d in shape) + ")"


def _flatten(values):
    values = list(values)
    if values and isinstance(values[0], (list, tuple)):
        rows = [list(row) for row in values]
        width = len(rows[0])
        if any(len(row) != width for row in rows):
            raise ValueError("rows of different lengths")
        return (len(rows), width), [x for row in rows for x in row]
    return (len(values),), values
