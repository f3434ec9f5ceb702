using System.IO.Compression;
using System.Security.Cryptography;
using Bastion.Fakes.Alpacon;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>WebFTP through a real MCP client: presigned uploads and downloads served by the fake, folders as zip, confirmation of the destructive tools.</summary>
public sealed class WebFtpTests : IAsyncLifetime
{
    private AlpaconHarness _harness = null!;
    private string _work = null!;

    public async Task InitializeAsync()
    {
        _harness = await AlpaconHarness.StartAsync(mode: Core.Policy.Mode.Operator);
        _work = Directory.CreateTempSubdirectory("alpacon-webftp-").FullName;
    }

    public async Task DisposeAsync()
    {
        await _harness.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task File_RoundTripsThroughPresignedUrls_ByteForByte()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        var source = Path.Combine(_work, "payload.bin");
        await File.WriteAllBytesAsync(source, bytes);
        var remoteDir = Directory.CreateDirectory(Path.Combine(_work, "server")).FullName;
        var remote = Path.Combine(remoteDir, "uploaded.bin");

        var up = await _harness.CallAsync("alpacon_webftp", new() { ["action"] = "upload", ["host"] = "web-01", ["local"] = source, ["path"] = remote });
        up.GetProperty("size_bytes").GetInt64().ShouldBe(bytes.Length);
        up.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
        (await File.ReadAllBytesAsync(remote)).ShouldBe(bytes);

        var local = Path.Combine(_work, "back.bin");
        var down = await _harness.CallAsync("alpacon_webftp", new() { ["action"] = "download", ["host"] = "web-01", ["path"] = remote, ["local"] = local });
        (await File.ReadAllBytesAsync(local)).ShouldBe(bytes);
        down.GetProperty("sha256").GetString().ShouldBe(up.GetProperty("sha256").GetString());
        _harness.Fake.StorageRequestsWithAuthorization.ShouldBe(0);

        var again = await _harness.ErrorAsync("alpacon_webftp", new() { ["action"] = "upload", ["host"] = "web-01", ["local"] = source, ["path"] = remote });
        again.ShouldContain("overwriting is not allowed");
        await _harness.CallAsync("alpacon_webftp", new() { ["action"] = "upload", ["host"] = "web-01", ["local"] = source, ["path"] = remote, ["overwrite"] = true });
    }

    [Fact]
    public async Task Folder_TravelsAsZip_BothWays()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_work, "site")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "index.html"), "<h1>hi</h1>");
        Directory.CreateDirectory(Path.Combine(folder, "css"));
        await File.WriteAllTextAsync(Path.Combine(folder, "css", "a.css"), "h1{}");
        var target = Directory.CreateDirectory(Path.Combine(_work, "srv")).FullName;

        var up = await _harness.CallAsync("alpacon_webftp", new() { ["action"] = "upload", ["host"] = "db-01", ["local"] = folder, ["path"] = target });
        up.GetProperty("zipped").GetBoolean().ShouldBeTrue();
        (await File.ReadAllTextAsync(Path.Combine(target, "site", "css", "a.css"))).ShouldBe("h1{}");

        var zip = Path.Combine(_work, "site.zip");
        var down = await _harness.CallAsync("alpacon_webftp", new() { ["action"] = "download", ["host"] = "db-01", ["path"] = Path.Combine(target, "site"), ["local"] = zip, ["folder"] = true });
        down.GetProperty("zipped").GetBoolean().ShouldBeTrue();
        using var archive = ZipFile.OpenRead(zip);
        archive.Entries.Select(e => e.FullName.Replace('\\', '/')).ShouldContain("site/index.html");
    }

    [Fact]
    public async Task Download_OfAMissingFile_SaysWhatTheAgentSaid_AndWritesNothing()
    {
        var local = Path.Combine(_work, "never.bin");
        var error = await _harness.ErrorAsync("alpacon_webftp", new() { ["action"] = "download", ["host"] = "web-01", ["path"] = "/nonexistent/file.txt", ["local"] = local });
        error.ShouldContain("No such file or directory");
        File.Exists(local).ShouldBeFalse();
        Directory.GetFiles(_work).ShouldBeEmpty();
    }

    [Fact]
    public async Task Storage_RefusesExpiredAndForgedUrls()
    {
        await using var fake = await AlpaconFake.StartAsync(new AlpaconFakeOptions { UrlLifetime = TimeSpan.FromSeconds(-1) });
        await using var expired = await AlpaconHarness.StartAsync(mode: Core.Policy.Mode.Operator, fake: fake);
        var source = Path.Combine(_work, "small.txt");
        await File.WriteAllTextAsync(source, "x");
        var error = await expired.ErrorAsync("alpacon_webftp", new() { ["action"] = "upload", ["host"] = "web-01", ["local"] = source, ["path"] = Path.Combine(_work, "small-copy.txt") });
        error.ShouldContain("Request has expired");

        using var http = new HttpClient();
        var forged = await http.GetAsync(new Uri(_harness.Fake.Url, "_storage/abc?X-Expires=9999999999&X-Signature=00"));
        forged.StatusCode.ShouldBe(System.Net.HttpStatusCode.Forbidden);
        (await forged.Content.ReadAsStringAsync()).ShouldContain("SignatureDoesNotMatch");
    }

    [Fact]
    public async Task Transfers_AskForConfirmation_WhenTheClientCannotElicit()
    {
        await using var noElicit = await AlpaconHarness.StartAsync(mode: Core.Policy.Mode.Operator, elicitation: false);
        var source = Path.Combine(_work, "c.txt");
        await File.WriteAllTextAsync(source, "confirm me");
        var args = new Dictionary<string, object?> { ["action"] = "upload", ["host"] = "web-01", ["local"] = source, ["path"] = Path.Combine(_work, "c-copy.txt") };
        var plan = await noElicit.ErrorAsync("alpacon_webftp", args);
        plan.ShouldStartWith("Confirmation required");
        File.Exists(Path.Combine(_work, "c-copy.txt")).ShouldBeFalse();
        var handle = System.Text.Json.JsonDocument.Parse(plan[(plan.IndexOf('\n', StringComparison.Ordinal) + 1)..]).RootElement.GetProperty("confirmation").GetString();
        args["confirm"] = handle;
        await noElicit.CallAsync("alpacon_webftp", args);
        (await File.ReadAllTextAsync(Path.Combine(_work, "c-copy.txt"))).ShouldBe("confirm me");
    }

    [Fact]
    public async Task Upload_RefusesFolder_WhichOnlyDownloadTakes()
    {
        var source = Path.Combine(_work, "f.txt");
        await File.WriteAllTextAsync(source, "x");
        var error = await _harness.ErrorAsync("alpacon_webftp", new() { ["action"] = "upload", ["host"] = "web-01", ["local"] = source, ["path"] = Path.Combine(_work, "g.txt"), ["folder"] = true });
        error.ShouldContain("action 'upload' does not take folder; only download");
        File.Exists(Path.Combine(_work, "g.txt")).ShouldBeFalse();
    }
}
