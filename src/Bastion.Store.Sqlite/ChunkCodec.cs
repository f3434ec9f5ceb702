namespace Bastion.Store.Sqlite;

/// <summary>
/// The byte format of a chunk (one BLOB holding many entries of one series): entries in time order, each field written
/// as the difference from the entry before (the first from the chunk's start and zero) in a LEB128 varint, signed
/// differences zig-zag folded. A sample is (Δtime in seconds, Δvalue in thousandths): a steady 60 s series costs one
/// byte of time and one to three of value, against about 20 bytes of a row per sample. Ticks use the sample format with
/// (Δtime in ms, Δstatus): about four bytes a tick at 60 s. A rollup is (Δbucket start,
/// Δavg, avg − min, max − avg, count). No checksums: SQLite pages carry the durability; a chunk that does not parse
/// (never written by this code) throws <see cref="InvalidDataException"/>.
/// </summary>
internal static class ChunkCodec
{
    /// <summary>Appends one sample to <paramref name="buffer"/> after the entry (<paramref name="lastTs"/>, <paramref name="lastV"/>).</summary>
    public static void AppendSample(List<byte> buffer, long lastTs, long lastV, long ts, long v)
    {
        WriteUnsigned(buffer, checked((ulong)(ts - lastTs)));
        WriteSigned(buffer, v - lastV);
    }

    /// <summary>The chunk of <paramref name="samples"/> (time-ordered, distinct times, none before <paramref name="t0"/>).</summary>
    public static byte[] EncodeSamples(long t0, IReadOnlyList<(long Ts, long V)> samples)
    {
        var buffer = new List<byte>(samples.Count * 3);
        var (lastTs, lastV) = (t0, 0L);
        foreach (var (ts, v) in samples)
        {
            AppendSample(buffer, lastTs, lastV, ts, v);
            (lastTs, lastV) = (ts, v);
        }

        return [.. buffer];
    }

    /// <summary>The samples of a chunk, oldest first.</summary>
    public static List<(long Ts, long V)> DecodeSamples(long t0, ReadOnlySpan<byte> data)
    {
        var result = new List<(long, long)>();
        var reader = new SampleReader(t0, data);
        while (reader.Next(out var ts, out var v))
        {
            result.Add((ts, v));
        }

        return result;
    }

    /// <summary>The chunk of <paramref name="rollups"/> (time-ordered, distinct bucket starts, none before <paramref name="t0"/>).</summary>
    public static byte[] EncodeRollups(long t0, IReadOnlyList<RollupEntry> rollups)
    {
        var buffer = new List<byte>(rollups.Count * 6);
        var (lastTs, lastAvg) = (t0, 0L);
        foreach (var r in rollups)
        {
            WriteUnsigned(buffer, checked((ulong)(r.Ts - lastTs)));
            WriteSigned(buffer, r.Avg - lastAvg);
            WriteSigned(buffer, r.Avg - r.Min);
            WriteSigned(buffer, r.Max - r.Avg);
            WriteUnsigned(buffer, checked((ulong)r.Count));
            (lastTs, lastAvg) = (r.Ts, r.Avg);
        }

        return [.. buffer];
    }

    /// <summary>The rollups of a chunk, oldest first.</summary>
    public static List<RollupEntry> DecodeRollups(long t0, ReadOnlySpan<byte> data)
    {
        var result = new List<RollupEntry>();
        var (ts, avg, at) = (t0, 0L, 0);
        while (at < data.Length)
        {
            ts += (long)ReadUnsigned(data, ref at);
            avg += ReadSigned(data, ref at);
            var min = avg - ReadSigned(data, ref at);
            var max = avg + ReadSigned(data, ref at);
            result.Add(new RollupEntry(ts, min, avg, max, (long)ReadUnsigned(data, ref at)));
        }

        return result;
    }

    /// <summary>Reads a chunk's samples one at a time without building a list (the read path).</summary>
    internal ref struct SampleReader(long t0, ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private int _at;
        private long _ts = t0;
        private long _v;

        public bool Next(out long ts, out long v)
        {
            if (_at >= _data.Length)
            {
                (ts, v) = (0, 0);
                return false;
            }

            _ts += (long)ReadUnsigned(_data, ref _at);
            _v += ReadSigned(_data, ref _at);
            (ts, v) = (_ts, _v);
            return true;
        }
    }

    private static void WriteUnsigned(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.Add((byte)value);
    }

    private static void WriteSigned(List<byte> buffer, long value) => WriteUnsigned(buffer, (ulong)((value << 1) ^ (value >> 63)));

    private static ulong ReadUnsigned(ReadOnlySpan<byte> data, ref int at)
    {
        // One byte (values below 128: a steady interval's time step) ends the number at once.
        if (at < data.Length && data[at] < 0x80)
        {
            return data[at++];
        }

        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= data.Length)
            {
                throw new InvalidDataException("A history chunk ends inside a number.");
            }

            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("A history chunk holds a number longer than 64 bits.");
    }

    private static long ReadSigned(ReadOnlySpan<byte> data, ref int at)
    {
        var raw = ReadUnsigned(data, ref at);
        return (long)(raw >> 1) ^ -(long)(raw & 1);
    }
}
