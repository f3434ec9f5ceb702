using Bastion.Core.Audit.Disk;

namespace Bastion.Http.Observability;

/// <summary>
/// <c>/readyz</c>: the server is ready when it can write where it keeps state — the data directory (vault) and the
/// audit directory — checked by creating and deleting a file in each, and, given <paramref name="disk"/>, when the audit
/// file system has free space above its low watermark (check <c>audit_disk</c>: <c>ok</c>, or the free space and the
/// watermark crossed).
/// </summary>
public sealed class ReadinessProbe(IReadOnlyDictionary<string, string> directories, DiskWatermarks? disk = null)
{
    /// <summary>Checks each directory; the report says which failed and why.</summary>
    public ReadinessReport Check()
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, directory) in directories)
        {
            try
            {
                Directory.CreateDirectory(directory);
                var probe = Path.Combine(directory, $".ready-{Guid.NewGuid():N}");
                File.WriteAllText(probe, "ok");
                File.Delete(probe);
                checks[name] = "ok";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                checks[name] = $"not writable: {e.Message}";
            }
        }

        if (disk is not null)
        {
            try
            {
                checks["audit_disk"] = disk.Check() is { Level: not DiskLevel.Ok } state ? state.Reason! : "ok";
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                checks["audit_disk"] = $"free space unknown: {e.Message}";
            }
        }

        return new ReadinessReport(checks.Values.All(v => v == "ok") ? "ready" : "not_ready", checks);
    }
}
