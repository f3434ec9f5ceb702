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
        Snapshot.Assert(Path.Combine(Repository.Root, "docs", "tools.md"), stdout);
    }
}
