namespace Bastion.Testing;

/// <summary>
/// A committed file that must equal what the code produces now (the tools/list answer, docs/tools.md). With
/// <c>BASTION_UPDATE_SNAPSHOTS=1</c> the file is rewritten instead, for a deliberate change to be reviewed and committed.
/// </summary>
public static class Snapshot
{
    /// <summary>True when snapshots are being rewritten rather than checked.</summary>
    public static bool Updating { get; } = Environment.GetEnvironmentVariable("BASTION_UPDATE_SNAPSHOTS") == "1";

    /// <summary>Checks (or, when <see cref="Updating"/>, writes) <paramref name="path"/> against <paramref name="actual"/>.</summary>
    /// <exception cref="InvalidOperationException">The file is missing or differs; the message names the first differing line.</exception>
    public static void Assert(string path, string actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        if (Updating)
        {
            File.WriteAllText(path, actual);
            return;
        }

        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing; run the tests with BASTION_UPDATE_SNAPSHOTS=1 to create it.");
        }

        var expected = File.ReadAllText(path);
        if (expected != actual)
        {
            var line = expected.Split('\n').Zip(actual.Split('\n')).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second);
            throw new InvalidOperationException(
                $"{path} differs from the live catalogue at line {line.i + 1}:\n committed: {line.p.First}\n live:      {line.p.Second}\n" +
                "If the change is deliberate, run the tests with BASTION_UPDATE_SNAPSHOTS=1 and commit the files.");
        }
    }
}
