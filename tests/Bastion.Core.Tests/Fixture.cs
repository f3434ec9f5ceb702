namespace Bastion.Core.Tests;

/// <summary>Captured real command output, committed under Fixtures/&lt;distribution&gt;/.</summary>
internal static class Fixture
{
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath));
}
