using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Bastion.Tests;

/// <summary>
/// Edge cases of the stdio wire against the built <c>bastion serve</c>: every line gets an answer (a request id beyond
/// 64 bits, text that is not JSON), and a line over <c>--max-body</c> is refused and discarded while the session goes on.
/// </summary>
public sealed class StdioWireTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-stdio-wire-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private const string Initialize = """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"wire-test","version":"1"}}}""";

    /// <summary>Starts the server, writes <paramref name="lines"/>, then a ping with id 99; returns the first <paramref name="expected"/> answers (requests are served concurrently, so in any order).</summary>
    private async Task<List<JsonElement>> ExchangeAsync(int expected, IEnumerable<Func<Stream, Task>> lines, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "bastion.dll"));
        start.ArgumentList.Add("serve");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["BASTION_DATA_DIR"] = _data;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var stdin = process.StandardInput.BaseStream;
            await WriteLineAsync(stdin, Initialize);
            foreach (var line in lines)
            {
                await line(stdin);
            }

            await WriteLineAsync(stdin, """{"jsonrpc":"2.0","id":99,"method":"ping"}""");
            var answers = new List<JsonElement>();
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } text)
            {
                answers.Add(JsonDocument.Parse(text).RootElement.Clone());
                if (answers.Count == expected)
                {
                    return answers;
                }
            }

            throw new InvalidOperationException($"bastion serve ended after {answers.Count} of {expected} answers: {await stderr}");
        }
        finally
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token);
        }
    }

    private static Func<Stream, Task> Line(string text) => stream => WriteLineAsync(stream, text);

    private static async Task WriteLineAsync(Stream stream, string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text + "\n"));
        await stream.FlushAsync();
    }

    private static IEnumerable<JsonElement> NullIdErrors(List<JsonElement> answers, int code) =>
        answers.Where(a => a.TryGetProperty("error", out var e) && e.GetProperty("code").GetInt32() == code && a.GetProperty("id").ValueKind == JsonValueKind.Null);

    [Fact]
    public async Task RequestIdBeyond64Bits_AndTextThatIsNotJson_AreAnsweredWithErrors_WithIdNull()
    {
        // initialize, three refused ids, one parse error, the largest id, the final ping.
        var answers = await ExchangeAsync(
            7,
        [
            Line("""{"jsonrpc":"2.0","id":18446744073709551616,"method":"ping"}"""),
            Line("""{"jsonrpc":"2.0","id":1e400,"method":"ping"}"""),
            Line("""{"jsonrpc":"2.0","id":-9223372036854775809,"method":"tools/list"}"""),
            Line("not json at all"),
            Line("""{"jsonrpc":"2.0","id":9223372036854775807,"method":"ping"}"""),
        ]);

        NullIdErrors(answers, -32600).Count().ShouldBe(3);
        NullIdErrors(answers, -32600).First().GetProperty("error").GetProperty("message").GetString()!.ShouldContain("integer from -9223372036854775808 to 9223372036854775807");
        NullIdErrors(answers, -32700).ShouldHaveSingleItem();
        answers.Any(a => a.GetProperty("id").ValueKind == JsonValueKind.Number && a.GetProperty("id").GetInt64() == long.MaxValue && a.TryGetProperty("result", out _)).ShouldBeTrue();
    }

    [Fact]
    public async Task ALineOverMaxBody_IsRefusedAndDiscarded_AndTheSessionGoesOn()
    {
        const int max = 64 * 1024;
        // initialize, the refusal, ping 8, the final ping.
        var answers = await ExchangeAsync(
            4,
        [
            async stream =>
            {
                // Written in pieces, as a client streaming a large message would: 4 MiB, far over the cap.
                await stream.WriteAsync(Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":7,"method":"ping","params":{"pad":" """));
                var pad = Encoding.UTF8.GetBytes(new string('a', 64 * 1024));
                for (var i = 0; i < 64; i++)
                {
                    await stream.WriteAsync(pad);
                }

                await stream.WriteAsync(Encoding.UTF8.GetBytes("\"}}\n"));
                await stream.FlushAsync();
            },
            Line("""{"jsonrpc":"2.0","id":8,"method":"ping","params":{"pad":" """ + new string('b', max / 2) + "\"}}"),
        ],
        "--max-body", max.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var refused = NullIdErrors(answers, -32600).ShouldHaveSingleItem().GetProperty("error").GetProperty("message").GetString()!;
        refused.ShouldContain($"the largest accepted is {max} bytes (--max-body)");
        answers.ShouldNotContain(a => a.GetProperty("id").ValueKind == JsonValueKind.Number && a.GetProperty("id").GetInt64() == 7);
        answers.Any(a => a.GetProperty("id").ValueKind == JsonValueKind.Number && a.GetProperty("id").GetInt64() == 8 && a.TryGetProperty("result", out _)).ShouldBeTrue();
    }
}
