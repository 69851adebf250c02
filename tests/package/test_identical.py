"""relocsim.identical on figures: what it ignores (dates) and what it does not."""

import struct
import zlib

from relocsim.identical import file_differences


def png(chunks):
    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    return b"\x89PNG\r\n\x1a\n" + b"".join(chunk(k, b) for k, b in chunks)


IHDR = (b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
IDAT = (b"IDAT", zlib.compress(b"\x00\x7f"))
IEND = (b"IEND", b"")


def test_png_dates_are_ignored_and_pixels_and_text_are_not(tmp_path):
    a, b, c = tmp_path / "a.png", tmp_path / "b.png", tmp_path / "c.png"
    a.write_bytes(png([IHDR, (b"tEXt", b"Software\0matplotlib"), IDAT, IEND]))
    b.write_bytes(png([IHDR, (b"tIME", b"\x07\xea\x0c\x03\x01\x02\x03"), (b"tEXt", b"Software\0matplotlib"),
                       (b"tEXt", b"Creation Time\0today"), IDAT, IEND]))
    assert file_differences(a, b)[0] == []
    c.write_bytes(png([IHDR, (b"tEXt", b"Software\0matplotlib"), (b"IDAT", zlib.compress(b"\x00\x80")), IEND]))
    assert file_differences(a, c)[0] == ["IDAT"]


def test_pdf_dates_are_ignored_and_content_is_not(tmp_path):
    body = b"%PDF-1.4\n1 0 obj << /CreationDate (D:20240101000000Z) /Producer (x) >> endobj\nstream 1 2 re f\n"
    a, b, c = tmp_path / "a.pdf", tmp_path / "b.pdf", tmp_path / "c.pdf"
    a.write_bytes(body)
    b.write_bytes(body.replace(b"20240101", b"20991231"))
    c.write_bytes(body.replace(b"1 2 re", b"1 3 re"))
    assert file_differences(a, b)[0] == []
    assert file_differences(a, c)[0] == ["bytes"]


def test_other_files_are_bytes_with_the_rerun_folder_mapped_back(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("file,/pkg/inputs/x.toml\n")
    b.write_text("file,/scratch/inputs/x.toml\n")
    assert file_differences(a, b)[0] == ["bytes"]
    assert file_differences(a, b, rewrite={"/scratch/": "/pkg/"})[0] == []
