using System.Runtime.InteropServices;

namespace Publisher.Model;

/// <summary>
/// What kind of file system entry a path is, on Unix: .NET's public API says only "file" or "directory", and cannot
/// tell a named pipe or a device from a regular file without opening it (which, for a pipe, blocks).
/// </summary>
internal static class UnixFileType
{
    // The runtime's own portable stat (System.Native, pal_io.h): the struct begins with int32 Flags, int32 Mode, and
    // Mode's type bits are normalised across Unixes (PAL_S_IFMT and friends, the POSIX values).
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int Directory = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int Regular = 0x8000;
    private const int Socket = 0xC000;

    private static bool _unavailable;

    /// <summary>
    /// Null for a regular file (or when the kind cannot be told: on Windows, or a runtime without the call), else
    /// what it is instead, as words for a message: "a named pipe (FIFO)", "a device". Follows symbolic links.
    /// </summary>
    public static string? NotARegularFile(string path)
    {
        if (OperatingSystem.IsWindows() || _unavailable)
        {
            return null;
        }

        // FileStatus is about 120 bytes; the buffer leaves room for a runtime that adds fields at the end.
        var status = new byte[512];
        try
        {
            if (Stat(path, status) != 0)
            {
                // Missing or unreadable: opening it reports that better.
                return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            _unavailable = true;
            return null;
        }

        return (BitConverter.ToInt32(status, 4) & TypeMask) switch
        {
            Regular => null,
            Fifo => "a named pipe (FIFO)",
            CharacterDevice or BlockDevice => "a device",
            Socket => "a socket",
            Directory => "a folder",
            _ => "not a file",
        };
    }

    // DllImport rather than LibraryImport: the generated marshaller needs unsafe code, which the project does not allow.
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat(string path, [Out] byte[] status);
}
