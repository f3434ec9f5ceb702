namespace Bastion.Providers.Alpacon.WebFtp;

/// <summary>Which way <c>alpacon_webftp</c> copies.</summary>
internal enum WebFtpAction
{
    /// <summary>Bastion's machine to the server (a folder is zipped and unpacked into path).</summary>
    Upload,

    /// <summary>The server to Bastion's machine (a folder arrives as a zip).</summary>
    Download,
}
