using Bastion.Testing;

namespace Bastion.Tests;

/// <summary>docs/tools.md is what <c>bastion tools --markdown</c> prints: every toolset of this build, providers' included.</summary>
public sealed class ToolReferenceTests
{
    [Fact]
    public async Task ToolReference_IsInStepWithTheWholeCatalogue()
    {
        var (code, stdout, stderr) = await BastionProcess.RunAsync("tools", "--markdown");
        code.ShouldBe(0, stderr);
        var path = Path.Combine(Repository.Root, "docs", "tools.md");
        if (Environment.GetEnvironmentVariable("BASTION_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(path, stdout);
            return;
        }

        var expected = await File.ReadAllTextAsync(path);
        if (expected != stdout)
        {
            var line = expected.Split('\n').Zip(stdout.Split('\n')).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second);
            Assert.Fail($"{path} differs from the live catalogue at line {line.i + 1}:\n committed: {line.p.First}\n live:      {line.p.Second}\n" +
                "Run the tests with BASTION_UPDATE_SNAPSHOTS=1 to update it, and review the diff.");
        }
    }
}
