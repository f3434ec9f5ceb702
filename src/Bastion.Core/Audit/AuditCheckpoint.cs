using System.Globalization;
using System.Text;
using System.Text.Json;
using Bastion.Core.Configuration;

namespace Bastion.Core.Audit;

/// <summary>
/// <c>audit.checkpoint</c>: where the chain continues after retention pruned its oldest rotated files — the seq and hash
/// of the last pruned entry, when it was pruned (UTC), how many files were pruned in all, and the id of the audit key and
/// the HMAC-SHA256 under it of <c>bastion-audit-checkpoint/v1\n{seq}\n{hash}\n{time}\n{files}</c>. Verification starts the
/// chain from it: the first remaining entry must be seq+1 with <c>prev</c> = hash, and a checkpoint edited without the
/// key fails its MAC.
/// </summary>
internal sealed record AuditCheckpoint(long Seq, string Hash, DateTimeOffset Time, long Files, string Key, string Mac)
{
    public const string FileName = "audit.checkpoint";

    /// <summary>A checkpoint after entry <paramref name="seq"/>, MAC'd under <paramref name="key"/>.</summary>
    public static AuditCheckpoint Create(long seq, string hash, DateTimeOffset time, long files, AuditKey key)
    {
        time = DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
        return new AuditCheckpoint(seq, hash, time, files, key.Id, key.Mac(Signed(seq, hash, time, files)));
    }

    /// <summary>Whether the MAC is valid under <paramref name="key"/>.</summary>
    public bool IsValidUnder(AuditKey key) =>
        key.Id == Key && string.Equals(key.Mac(Signed(Seq, Hash, Time, Files)), Mac, StringComparison.Ordinal);

    /// <summary>The checkpoint of <paramref name="directory"/>, or null when there is none.</summary>
    /// <exception cref="FormatException">The file is not a checkpoint.</exception>
    public static AuditCheckpoint? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return Directory.Exists(path) ? throw new FormatException($"{FileName} is a directory, not a checkpoint.") : null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out var s) && s >= 1
                && root.TryGetProperty("hash", out var hash) && hash.ValueKind == JsonValueKind.String && AuditFormat.IsHex(hash.GetString()!)
                && root.TryGetProperty("time", out var time) && time.ValueKind == JsonValueKind.String
                && DateTimeOffset.TryParse(time.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
                && root.TryGetProperty("files", out var files) && files.TryGetInt64(out var f) && f >= 1
                && root.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
                && root.TryGetProperty("mac", out var mac) && mac.ValueKind == JsonValueKind.String && AuditFormat.IsHex(mac.GetString()!))
            {
                return new AuditCheckpoint(s, hash.GetString()!, t, f, key.GetString()!, mac.GetString()!);
            }
        }
        catch (JsonException)
        {
        }

        throw new FormatException($"{FileName} is not valid: it should hold {{\"seq\":N,\"hash\":\"<64 hex>\",\"time\":\"<UTC>\",\"files\":N,\"key\":\"<key id>\",\"mac\":\"<64 hex>\"}}.");
    }

    /// <summary>Writes the checkpoint atomically (temporary file, fsync, rename), mode 0600.</summary>
    public Task WriteAsync(string directory, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(
            Path.Combine(directory, FileName),
            string.Create(CultureInfo.InvariantCulture,
                $"{{\"seq\":{Seq},\"hash\":\"{Hash}\",\"time\":\"{AuditFormat.FormatTime(Time.ToUniversalTime())}\",\"files\":{Files},\"key\":\"{Key}\",\"mac\":\"{Mac}\"}}\n"),
            new AtomicWriteOptions { Mode = AuditFiles.PrivateFile },
            cancellationToken);

    private static byte[] Signed(long seq, string hash, DateTimeOffset time, long files) =>
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"bastion-audit-checkpoint/v1\n{seq}\n{hash}\n{time.ToUnixTimeMilliseconds()}\n{files}"));
}
