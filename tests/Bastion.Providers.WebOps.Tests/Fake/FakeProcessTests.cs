using System.Diagnostics;
using System.Text.Json;

namespace Bastion.Providers.WebOps.Tests.Fake;

/// <summary>The fake runs as a process too (for manual runs and other suites): flags, ready line, stop on SIGTERM.</summary>
public sealed class FakeProcessTests
{
    [Fact]
    public async Task TheFakeAsAProcess_PrintsItsUrl_AndServesWebOpsRoutes()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "webops-fake.dll");
        File.Exists(dll).ShouldBeTrue();
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--port", "0", "--user", "ops", "--password", "s3cret-pass-1", "--token", "tok_process_123456", "--accept-bearer" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
            line.ShouldNotBeNull().ShouldStartWith("webops fake ready: http://127.0.0.1:");
            var url = line["webops fake ready: ".Length..];

            using var http = new HttpClient();
            using (var status = JsonDocument.Parse(await http.GetStringAsync(url + "/api/status/")))
            {
                status.RootElement.GetProperty("status").GetString().ShouldBe("ok");
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, url + "/api/deployments/");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "tok_process_123456");
            using var list = await http.SendAsync(request);
            list.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
            (await list.Content.ReadAsStringAsync()).ShouldBe("""{"deployments":[],"pagination":{"page":1,"per_page":20,"total":0,"pages":1}}""");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task UnknownFlags_AreRefusedWithUsage()
    {
        using var process = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "webops-fake.dll"), "--bogus" },
            RedirectStandardError = true,
        })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(2);
        error.ShouldContain("not understood: --bogus");
    }
}
