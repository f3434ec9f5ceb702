using System.Diagnostics;
using Bastion.Core.Audit;
using Bastion.Core.Policy;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Tests.Security;

/// <summary>
/// A server whose audit log cannot be written runs nothing, and returns no result it could not record: through the
/// real call pipeline, with the log broken before a call and while a call runs.
/// </summary>
public sealed class AuditFailClosedTests
{
    private static readonly Dictionary<string, object?> Uptime = new() { ["command"] = "uptime" };

    private static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    private static string ActiveFile(TestServer server) => Path.Combine(server.DataDirectory, "audit", "audit.jsonl");

    [Fact]
    public async Task AReadOnlyCall_IsRefused_WhenTheAuditDirectoryCannotBeCreated()
    {
        await using var server = await TestServer.StartAsync(Mode.ReadOnly, configure: o =>
        {
            File.WriteAllText(o.Paths.AuditDirectory, "not a directory");
            return o;
        });

        var result = await server.Client.CallToolAsync("commands_run", Uptime);

        result.IsError.ShouldBe(true);
        Text(result).ShouldStartWith("Refused: the audit log cannot be written (");
        Text(result).ShouldEndWith("Nothing ran.");
        result.StructuredContent.ShouldBeNull();
    }

    [Fact]
    public async Task AReadOnlyCall_IsRefused_WhenTheAuditFileIsReplacedByADirectory_WhileTheServerRuns()
    {
        await using var server = await TestServer.StartAsync(Mode.ReadOnly);
        (await server.Client.CallToolAsync("commands_run", Uptime)).IsError.ShouldNotBe(true);
        File.Delete(ActiveFile(server));
        Directory.CreateDirectory(ActiveFile(server));

        var result = await server.Client.CallToolAsync("commands_run", Uptime);

        Text(result).ShouldStartWith("Refused: the audit log cannot be written (");
        Text(result).ShouldContain("audit.jsonl is a directory");
        result.StructuredContent.ShouldBeNull();
    }

    [Fact]
    public async Task AReadOnlyCall_IsRefused_WhenTheAuditHeadIsDeleted_WhileTheServerRuns()
    {
        await using var server = await TestServer.StartAsync(Mode.ReadOnly);
        (await server.Client.CallToolAsync("commands_run", Uptime)).IsError.ShouldNotBe(true);
        File.Delete(ActiveFile(server));
        File.Delete(Path.Combine(server.DataDirectory, "audit", "audit.head"));

        var result = await server.Client.CallToolAsync("commands_run", Uptime);

        Text(result).ShouldStartWith("Refused: the audit log cannot be written (");
    }

    [Fact]
    public async Task AResult_IsWithheld_WhenItsEntryCannotBeWritten_AfterTheToolRan()
    {
        await using var server = await TestServer.StartAsync(Mode.ReadOnly);
        (await server.Client.CallToolAsync("commands_run", Uptime)).IsError.ShouldNotBe(true);
        var gate = Directory.CreateTempSubdirectory("bastion-gate-").FullName;
        var fifo = Path.Combine(gate, "gate");
        Process.Start("mkfifo", [fifo]).WaitForExit();
        const string Secret = "only-the-tool-saw-this";

        try
        {
            // The tool blocks reading the FIFO; opening it for writing returns once the tool runs (past the audit check).
            var call = server.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = $"cat {fifo}" }).AsTask();
            var open = Task.Run(() => new FileStream(fifo, FileMode.Open, FileAccess.Write));
            if (await Task.WhenAny(call, open) == call)
            {
                new FileStream(fifo, FileMode.Open, FileAccess.Read).Dispose(); // let the open finish
                (await open).Dispose();
                throw new ShouldAssertException($"the call ended before it read the FIFO: {Text(await call)}");
            }

            await using (var writer = await open)
            {
                File.Delete(ActiveFile(server));
                Directory.CreateDirectory(ActiveFile(server));
                await writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(Secret + "\n"));
            }

            var result = await call;

            result.IsError.ShouldBe(true);
            Text(result).ShouldStartWith("The audit log cannot be written (");
            Text(result).ShouldContain("the result is withheld");
            Text(result).ShouldNotContain(Secret);
            result.StructuredContent.ShouldBeNull();
        }
        finally
        {
            Directory.Delete(gate, recursive: true);
        }
    }
    [Fact]
    public async Task EveryCall_IsOnDisk_AndTheLogVerifies_AfterTheServerAnswered()
    {
        await using var server = await TestServer.StartAsync(Mode.ReadOnly);
        for (var i = 0; i < 3; i++)
        {
            (await server.Client.CallToolAsync("commands_run", Uptime)).IsError.ShouldNotBe(true);
        }

        var verification = await AuditLog.VerifyAsync(Path.Combine(server.DataDirectory, "audit"), CancellationToken.None);
        verification.ShouldBe(new AuditVerification(true, 3, 1, null, "keyed with 1 audit key(s)"));
    }
}
