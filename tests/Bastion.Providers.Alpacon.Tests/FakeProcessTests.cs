using System.Diagnostics;
using System.Net;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>The fake runs as a process too: alpacon-fake --port N --token T prints a ready line with its URL.</summary>
public sealed class FakeProcessTests
{
    [Fact]
    public async Task Fake_StartsAsAProcess_AnnouncesItsUrl_AndStopsWhenStdinCloses()
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "alpacon-fake"), ["--port", "0", "--token", "alpat-process-token-42", "--exit-on-stdin-close"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        try
        {
            var ready = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            ready.ShouldNotBeNull();
            ready.ShouldStartWith("alpacon-fake ready http://127.0.0.1:");
            var url = new Uri(ready.Split(' ')[2]);

            using var http = new HttpClient { BaseAddress = url };
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/servers/servers/");
            request.Headers.TryAddWithoutValidation("Authorization", "token=alpat-process-token-42");
            (await http.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await http.GetAsync(new Uri("api/servers/servers/", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            process.ExitCode.ShouldBe(0);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
