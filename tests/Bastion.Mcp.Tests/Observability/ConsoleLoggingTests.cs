using System.Diagnostics;
using System.Text.Json;
using Bastion.Mcp.Observability;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Mcp.Tests.Observability;

/// <summary>The real console logger writing to a captured stderr (and stdout, which must stay empty).</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleLoggingTests
{
    private static readonly Action<ILogger, string, Exception?> Greeting =
        LoggerMessage.Define<string>(LogLevel.Information, new EventId(7, "Greeting"), "hello {Name}");

    private static readonly Action<ILogger, Exception?> Detail =
        LoggerMessage.Define(LogLevel.Trace, new EventId(8, "Detail"), "the finest detail");

    private static readonly Func<ILogger, string, IDisposable?> SessionScope = LoggerMessage.DefineScope<string>("session {Session}");

    private static (string Stdout, string Stderr) Capture(LogFormat format, Action<ILogger> log)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var capturedOut = new StringWriter();
        using var capturedErr = new StringWriter();
        Console.SetOut(capturedOut);
        Console.SetError(capturedErr);
        try
        {
            // Disposing the provider drains the console logger's queue.
            using (var services = new ServiceCollection()
                .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddBastionConsole(format))
                .BuildServiceProvider())
            {
                log(services.GetRequiredService<ILoggerFactory>().CreateLogger("Bastion.Tests.Logging"));
            }
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        return (capturedOut.ToString(), capturedErr.ToString());
    }

    [Fact]
    public void Json_WritesOneObjectPerLine_ToStderr_WithUtcTimestampCategoryMessageAndScopes()
    {
        using var span = new Activity("test").Start();
        var (stdout, stderr) = Capture(LogFormat.Json, logger =>
        {
            using (SessionScope(logger, "s-1"))
            {
                Greeting(logger, "world", null);
            }

            Detail(logger, null);
        });

        stdout.ShouldBeEmpty();
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(2);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var greeting = entries[0];
        greeting.GetProperty("Category").GetString().ShouldBe("Bastion.Tests.Logging");
        greeting.GetProperty("Message").GetString().ShouldBe("hello world");
        greeting.GetProperty("LogLevel").GetString().ShouldBe("Information");
        greeting.GetProperty("EventId").GetInt32().ShouldBe(7);
        greeting.GetProperty("State").GetProperty("Name").GetString().ShouldBe("world");
        var timestamp = greeting.GetProperty("Timestamp").GetString()!;
        timestamp.ShouldMatch(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$");
        (DateTimeOffset.UtcNow - DateTimeOffset.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture)).ShouldBeLessThan(TimeSpan.FromMinutes(1));
        var scopes = greeting.GetProperty("Scopes").GetRawText();
        scopes.ShouldContain("\"Session\":\"s-1\"");
        scopes.ShouldContain(span.TraceId.ToHexString());
        entries[1].GetProperty("LogLevel").GetString().ShouldBe("Trace");
    }

    [Fact]
    public void Plain_WritesTheConsoleText_ToStderr()
    {
        var (stdout, stderr) = Capture(LogFormat.Plain, logger => Greeting(logger, "world", null));

        stdout.ShouldBeEmpty();
        stderr.ShouldContain("info: Bastion.Tests.Logging[7]");
        stderr.ShouldContain("hello world");
        stderr.ShouldNotContain("{");
    }
}
