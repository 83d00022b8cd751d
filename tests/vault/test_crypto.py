"""The chunked AES-256-GCM format: round trips at every chunk boundary; alteration, truncation and a wrong key
refused (S6)."""

import io

import pytest

from bmnn.vault import crypto


def encrypt(data: bytes, key: bytes, chunk: int = 16) -> bytes:
    out = io.BytesIO()
    writer = crypto.ChunkWriter(key, out, chunk_size=chunk)
    for i in range(0, len(data), 7):  # arrives in pieces that do not line up with chunks
        writer.write(data[i : i + 7])
    writer.close()
    return out.getvalue()


def decrypt(blob: bytes, key: bytes) -> bytes:
    return b"".join(crypto.decrypt_chunks(key, io.BytesIO(blob)))


@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 32, 48, 100])
def test_round_trip_at_every_chunk_boundary_S6(size):
    key = crypto.new_key()
    data = bytes(range(256))[:size] if size <= 256 else b""
    blob = encrypt(data, key)
    assert decrypt(blob, key) == data
    if size >= 4:
        assert data not in blob


def test_an_altered_a_truncated_or_a_reordered_file_and_a_wrong_key_are_refused_S6():
    key = crypto.new_key()
    data = b"noi dung mat " * 10
    blob = encrypt(data, key)
    header = 20
    altered = bytearray(blob)
    altered[header + 3] ^= 1
    chunk = 16 + crypto.TAG
    truncated = blob[: header + chunk * 2]  # whole chunks dropped from the end
    reordered = (
        blob[:header]
        + blob[header + chunk : header + 2 * chunk]
        + blob[header : header + chunk]
        + blob[header + 2 * chunk :]
    )
    for bad, with_key in ((bytes(altered), key), (truncated, key), (reordered, key), (blob, crypto.new_key())):
        with pytest.raises(crypto.CorruptCiphertext):
            decrypt(bad, with_key)


def test_a_wrapped_data_key_opens_only_with_its_key_and_its_label_S6():
    kek, data_key = crypto.new_key(), crypto.new_key()
    wrapped = crypto.wrap(kek, data_key, "abc")
    assert crypto.unwrap(kek, wrapped, "abc") == data_key
    assert data_key not in wrapped
    for other_kek, label in ((crypto.new_key(), "abc"), (kek, "abd")):
        with pytest.raises(crypto.CorruptCiphertext):
            crypto.unwrap(other_kek, wrapped, label)


@pytest.mark.parametrize("size", [0, 1, 16, 17, 100])
def test_random_reads_through_the_decrypting_reader_match_the_plaintext_S6(size):
    key = crypto.new_key()
    data = bytes((i * 7) % 251 for i in range(size))
    reader = crypto.DecryptingReader(key, io.BytesIO(encrypt(data, key)))
    assert reader.size == size and reader.read() == data
    for start, length in ((0, 5), (15, 3), (size - 1, 10), (33, 40), (size + 5, 1)):
        reader.seek(max(start, 0))
        assert reader.read(length) == data[max(start, 0) : max(start, 0) + length]
    reader.seek(-min(size, 2), io.SEEK_END)
    assert reader.read() == data[size - min(size, 2) :]


def test_the_decrypting_reader_refuses_a_file_cut_short_on_opening_and_an_altered_chunk_when_read_S6():
    key = crypto.new_key()
    blob = encrypt(b"x" * 100, key)
    with pytest.raises(crypto.CorruptCiphertext):
        crypto.DecryptingReader(key, io.BytesIO(blob[: 20 + 2 * (16 + crypto.TAG)]))
    altered = bytearray(blob)
    altered[20 + 1] ^= 1  # inside the first chunk
    reader = crypto.DecryptingReader(key, io.BytesIO(bytes(altered)))
    with pytest.raises(crypto.CorruptCiphertext):
        reader.read(4)


class Trickle(io.RawIOBase):
    """A source that hands out fewer bytes than asked (a pipe, a socket): ``readinto`` short reads."""

    def __init__(self, data: bytes) -> None:
        self._data, self._pos = data, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        take = min(len(buffer), 5, len(self._data) - self._pos)
        buffer[:take] = self._data[self._pos : self._pos + take]
        self._pos += take
        return take


@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 32, 48, 100])
def test_a_file_read_straight_into_the_chunk_buffer_round_trips_at_every_boundary_S6(size):
    key = crypto.new_key()
    data = bytes(range(256))[:size]
    for source in (io.BytesIO(data), Trickle(data)):
        out = io.BytesIO()
        writer = crypto.ChunkWriter(key, out, chunk_size=16)
        writer.write_from(source)
        writer.close()
        assert writer.size == size
        assert writer.head == data[:8]
        assert decrypt(out.getvalue(), key) == data


def test_a_file_written_with_another_chunk_size_still_reads_its_size_is_in_the_header_S6():
    key = crypto.new_key()
    chunk = crypto.CHUNK_SIZE // 2
    data = bytes(range(256)) * (chunk * 2 // 256 + 100)  # a little over two chunks
    out = io.BytesIO()
    writer = crypto.ChunkWriter(key, out, chunk_size=chunk)
    writer.write(data)
    writer.close()
    assert decrypt(out.getvalue(), key) == data
    reader = crypto.DecryptingReader(key, io.BytesIO(out.getvalue()))
    reader.seek(chunk + 3)
    assert reader.read(4) == data[chunk + 3 : chunk + 7]


def test_a_write_that_fails_on_disk_fails_the_file_it_is_never_reported_written():
    class FullDisk(io.BytesIO):
        def write(self, block) -> int:
            if len(block) > 100:
                raise OSError(28, "No space left on device")
            return super().write(block)

    writer = crypto.ChunkWriter(crypto.new_key(), FullDisk(), chunk_size=1024)
    with pytest.raises(OSError, match="No space"):
        writer.write(b"x" * 5000)
        writer.close()
