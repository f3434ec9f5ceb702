using System.Text;
using Bastion.Core;
using Bastion.Core.Execution;

namespace Bastion.Providers.Alpacon.Commands;

/// <summary>
/// How a <see cref="CommandRequest"/> becomes one Alpacon command line. A plain request is sent as its shell line
/// (<c>/bin/sh -c LINE</c> as LINE itself, so Alpacon's command ACLs see what the user asked for; any other argv quoted
/// word by word), its text stdin as <c>data</c>, its environment as <c>env</c>. Alpacon returns one output stream, so
/// stdout then holds stdout and stderr as the command wrote them. A request that streams (a file upload's stdin, a
/// download's stdout) is framed instead: stdin travels base64-encoded and is decoded on the server, stdout comes back
/// base64-encoded, and stderr follows a marker line, so binary data survives the JSON round trip.
/// </summary>
internal sealed record CommandPlan(string Line, string? Data, bool Framed)
{
    /// <summary>Most bytes of streamed stdin sent through the Command API (8 MiB); larger files go through WebFTP.</summary>
    public const int MaxStreamedInput = 8 * 1024 * 1024;

    /// <summary>The line that separates a framed command's base64 stdout from its stderr.</summary>
    public const string StderrMarker = "@@bastion-stderr";

    /// <summary>The plan for <paramref name="request"/>.</summary>
    /// <exception cref="BastionException">Streamed stdin over <see cref="MaxStreamedInput"/> bytes.</exception>
    public static async Task<CommandPlan> ForAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var argv = request.Argv;
        if (request.StdinStream is null && request.StdoutSink is null)
        {
            var line = argv is ["/bin/sh", "-c", var script] ? script : ShellQuote.Join(argv);
            return new CommandPlan(line, request.Stdin, false);
        }

        string? data = null;
        var inner = $"( {ShellQuote.Join(argv)} )";
        if (request.StdinStream is { } input)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await input.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxStreamedInput)
                {
                    throw new BastionException($"Alpacon's Command API carries at most {MaxStreamedInput / (1024 * 1024)} MiB of input; use alpacon_webftp action=upload for larger files.");
                }

                buffer.Write(chunk, 0, read);
            }

            data = Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length);
            inner = $"base64 -d | {inner}";
        }
        else if (request.Stdin is { } text)
        {
            data = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            inner = $"base64 -d | {inner}";
        }

        var framed = new StringBuilder()
            .Append("o=$(mktemp) && e=$(mktemp) || exit 125; trap 'rm -f -- \"$o\" \"$e\"' EXIT; ")
            .Append(inner).Append(" >\"$o\" 2>\"$e\"; rc=$?; ")
            .Append("base64 \"$o\"; echo '").Append(StderrMarker).Append("'; cat \"$e\"; exit $rc")
            .ToString();
        return new CommandPlan(framed, data, true);
    }

    /// <summary>Splits a framed command's output into stdout bytes and stderr text.</summary>
    public static (byte[] Stdout, string Stderr) Unframe(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var at = output.IndexOf(StderrMarker + "\n", StringComparison.Ordinal);
        if (at < 0)
        {
            return ([], output);
        }

        var encoded = new string([.. output.AsSpan(0, at).ToArray().Where(c => !char.IsWhiteSpace(c))]);
        try
        {
            return (Convert.FromBase64String(encoded), output[(at + StderrMarker.Length + 1)..]);
        }
        catch (FormatException)
        {
            return ([], output);
        }
    }
}
