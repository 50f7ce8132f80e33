using System.Security.Cryptography;
using System.Text;

namespace Bhrpc.Registry.Local;

/// <summary>
/// File operations of the local registry: safe names, atomic writes, tolerant reads. Other
/// processes work on the same files at the same time, so every operation expects a file to
/// appear, change or vanish under it.
/// </summary>
internal static class InstanceFiles
{
    /// <summary>The extension of an instance file.</summary>
    public const string InstanceExtension = ".json";

    /// <summary>The extension of a file being written; readers never parse it.</summary>
    public const string TempExtension = ".tmp";

    // File systems allow 255 bytes per name; leave room for the extension and a hash.
    private const int MaxNameLength = 200;

    // A real node value is a few hundred bytes; anything this large is not ours.
    private const int MaxFileLength = 64 * 1024;

    /// <summary>
    /// <paramref name="value"/> as one safe file or folder name: URI-escaped (so '#', '/', ':'
    /// and '\' cannot split paths), never <c>.</c> or <c>..</c>, and a long name is cut and
    /// completed with a hash of the whole value so that names stay distinct.
    /// </summary>
    public static string EscapeName(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var escaped = Uri.EscapeDataString(value);

        // "." and ".." would name the folder itself or its parent, and Windows drops a trailing dot.
        if (escaped.EndsWith('.'))
        {
            escaped = string.Concat(escaped.AsSpan(0, escaped.Length - 1), "%2E");
        }

        if (escaped.Length > MaxNameLength)
        {
            // "%~" never occurs in escaped text ('%' is always followed by two hex digits).
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
            escaped = string.Concat(escaped.AsSpan(0, MaxNameLength - 34), "%~", Convert.ToHexStringLower(hash, 0, 16));
        }

        return escaped;
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> so that a reader sees either
    /// the old file or the whole new one, stamped with <paramref name="lastWriteUtc"/>.
    /// </summary>
    public static void WriteAtomically(string path, byte[] content, DateTime lastWriteUtc)
    {
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, "." + Guid.NewGuid().ToString("N") + TempExtension);
        try
        {
            File.WriteAllBytes(temp, content);

            // Stamp before the move, so that no reader sees the new file with the wrong time.
            File.SetLastWriteTimeUtc(temp, lastWriteUtc);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>
    /// Marks <paramref name="path"/> alive at <paramref name="lastWriteUtc"/>; when the file is
    /// gone (another process took it for dead and removed it) writes it again.
    /// </summary>
    public static void Refresh(string path, byte[] content, DateTime lastWriteUtc)
    {
        if (File.Exists(path))
        {
            try
            {
                File.SetLastWriteTimeUtc(path, lastWriteUtc);
                return;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                // Deleted between the check and the touch: fall through and write it again.
            }
        }

        WriteAtomically(path, content, lastWriteUtc);
    }

    /// <summary>The instance in <paramref name="path"/>, or null when it is gone, unreadable or not a node value.</summary>
    public static ServiceInstance? TryRead(string path)
    {
        try
        {
            // FileShare.Delete: a reader must not stop a writer (on Windows) from replacing or deleting the file.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var length = stream.Length;
            if (length is 0 or > MaxFileLength)
            {
                return null;
            }

            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return CuratorInstanceJson.Read(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Deletes <paramref name="path"/> if it is still not written since <paramref name="deadBefore"/>; ignores every IO failure.</summary>
    public static void TryDeleteIfStale(string path, DateTime deadBefore)
    {
        try
        {
            // Look again: the owner may have refreshed the file since it was listed. A refresh
            // that still loses this race is repaired by the owner's next heartbeat.
            if (File.GetLastWriteTimeUtc(path) < deadBefore)
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Another process may delete it first, or hold it open; it is only a clean-up.
        }
    }

    /// <summary>Deletes <paramref name="path"/>; ignores every IO failure.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a file left behind goes stale and readers remove it.
        }
    }
}
