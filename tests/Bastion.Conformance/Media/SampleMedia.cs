namespace Bastion.Conformance.Media;

/// <summary>The smallest honest media the suite's image and audio checks accept: a PNG and a WAV file.</summary>
internal static class SampleMedia
{
    /// <summary>MIME type of <see cref="Png"/>.</summary>
    public const string PngMimeType = "image/png";

    /// <summary>MIME type of <see cref="Wav"/> (the audio scenario requires exactly this one).</summary>
    public const string WavMimeType = "audio/wav";

    private const int WavSampleRate = 8000;

    /// <summary>A 1×1 PNG holding one red pixel (8-bit RGB), 69 bytes.</summary>
    public static ReadOnlyMemory<byte> Png { get; } = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR42mP4z8AAAAMBAQD3A0FDAAAAAElFTkSuQmCC");

    /// <summary>A RIFF/WAVE file: 8 kHz, mono, 8-bit PCM, 100 ms of a 440 Hz square wave.</summary>
    public static ReadOnlyMemory<byte> Wav { get; } = SquareWave(frequencyHz: 440, milliseconds: 100);

    private static byte[] SquareWave(int frequencyHz, int milliseconds)
    {
        var samples = WavSampleRate * milliseconds / 1000;
        var halfPeriod = WavSampleRate / frequencyHz / 2;
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write("RIFF"u8);
            writer.Write(36 + samples);
            writer.Write("WAVE"u8);
            writer.Write("fmt "u8);
            writer.Write(16);                      // size of the fmt chunk
            writer.Write((short)1);                // PCM
            writer.Write((short)1);                // mono
            writer.Write(WavSampleRate);
            writer.Write(WavSampleRate);           // bytes per second: rate × channels × 1 byte
            writer.Write((short)1);                // block align
            writer.Write((short)8);                // bits per sample
            writer.Write("data"u8);
            writer.Write(samples);
            for (var i = 0; i < samples; i++)
            {
                writer.Write((byte)(i / halfPeriod % 2 == 0 ? 0xC0 : 0x40)); // unsigned 8-bit: 0x80 is silence
            }
        }

        return buffer.ToArray();
    }
}
