namespace Bastion.Testing;

/// <summary>Where the repository is, seen from a test's output folder.</summary>
public static class Repository
{
    /// <summary>The folder that holds Bastion.slnx.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bastion.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Bastion.slnx not found above the test folder.");
    }
}
