using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Bastion.Core;
using Bastion.Providers.Alpacon.Api;

namespace Bastion.Providers.Alpacon.WebFtp;

/// <summary>
/// Moves bytes to and from the presigned storage URLs WebFTP hands out (S3 style). These requests carry no
/// Authorization header (the URL's signature is the credential), so the workspace token never leaves for storage.
/// </summary>
internal sealed class AlpaconStorage(AlpaconSettings settings) : IDisposable
{
    private readonly HttpClient _client = new(settings.Handler?.Invoke() ?? new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = settings.Options.TransferTimeout,
    };

    /// <summary>PUTs the file's bytes to <paramref name="url"/>.</summary>
    /// <exception cref="BastionException">The storage refused it (expired or bad signature, size).</exception>
    public async Task PutAsync(Uri url, string file, CancellationToken cancellationToken)
    {
        Check(url);
        await using var input = File.OpenRead(file);
        using var content = new StreamContent(input);
        content.Headers.ContentLength = input.Length;
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.NoContent))
        {
            throw new BastionException($"Alpacon's storage refused the upload (HTTP {(int)response.StatusCode}: {Core.Limits.FirstLine(await response.Content.ReadAsStringAsync(cancellationToken))}). The upload URL may have expired; try again.");
        }
    }

    /// <summary>GETs <paramref name="url"/> into <paramref name="file"/> (created), at most <paramref name="maxBytes"/>; returns size and SHA-256.</summary>
    public async Task<(long Size, string Sha256)> GetAsync(Uri url, string file, long maxBytes, CancellationToken cancellationToken)
    {
        Check(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await SendAsync(request, cancellationToken, HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BastionException($"Alpacon's storage refused the download (HTTP {(int)response.StatusCode}: {Core.Limits.FirstLine(await response.Content.ReadAsStringAsync(cancellationToken))}). The download URL may have expired; ask again.");
        }

        await using var source = await response.Content.ReadAsStreamAsync(cancellationToken);
        await using var target = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long size = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            size += read;
            if (size > maxBytes)
            {
                throw new BastionException($"The download is larger than the {maxBytes}-byte transfer limit.");
            }

            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        await target.FlushAsync(cancellationToken);
        return (size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            return await _client.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new PlatformException(AlpaconErrors.Platform, $"its storage cannot be reached: {e.Message}", transient: true);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PlatformException(AlpaconErrors.Platform, $"the storage transfer did not finish within {settings.Options.TransferTimeout.TotalSeconds:0} s.", transient: true);
        }
    }

    private static void Check(Uri url)
    {
        if (!(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
        {
            throw new PlatformException(AlpaconErrors.Platform, $"WebFTP gave a storage URL that is not https ({url.Scheme}); refusing to send data there.");
        }
    }

    public void Dispose() => _client.Dispose();
}
