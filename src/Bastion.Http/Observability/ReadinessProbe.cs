namespace Bastion.Http.Observability;

/// <summary>
/// <c>/readyz</c>: the server is ready when it can write where it keeps state — the data directory (vault) and the
/// audit directory — checked by creating and deleting a file in each.
/// </summary>
public sealed class ReadinessProbe(IReadOnlyDictionary<string, string> directories)
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

        return new ReadinessReport(checks.Values.All(v => v == "ok") ? "ready" : "not_ready", checks);
    }
}
