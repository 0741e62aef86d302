package org.tongban.contracts.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Standard streams and file access for the commands. Every I/O failure becomes a
 * {@link CliFailure} with exit status {@link ExitCode#IO} and a line naming the file.
 */
record Console(InputStream in, PrintStream out, PrintStream err) {
    /** Largest input read: the lenient JSON limit of the library. */
    static final int MAX_INPUT_BYTES = 64 * 1024 * 1024;

    /** Reads a file, or standard input for {@code -}. */
    byte[] read(String file) {
        if (file.equals("-")) {
            try {
                byte[] bytes = in.readNBytes(MAX_INPUT_BYTES + 1);
                if (bytes.length > MAX_INPUT_BYTES) {
                    throw CliFailure.io("standard input is larger than " + MAX_INPUT_BYTES + " bytes");
                }
                return bytes;
            } catch (IOException e) {
                throw CliFailure.io("cannot read standard input: " + reason(e));
            }
        }
        return read(Path.of(file));
    }

    byte[] read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw CliFailure.io("cannot read " + file + ": it is a directory");
            }
            if (Files.size(file) > MAX_INPUT_BYTES) {
                throw CliFailure.io("cannot read " + file + ": larger than " + MAX_INPUT_BYTES + " bytes");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw CliFailure.io("cannot read " + file + ": " + reason(e));
        }
    }

    /** Writes bytes to standard output exactly, with nothing added. */
    void print(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        out.flush();
        if (out.checkError()) {
            throw CliFailure.io("cannot write to standard output");
        }
    }

    void println(String line) {
        out.println(line);
        out.flush();
        if (out.checkError()) {
            throw CliFailure.io("cannot write to standard output");
        }
    }

    /**
     * Writes a new file; an existing one is never overwritten, since it may hold a key nobody
     * else has. A private file is readable by its owner only where the file system allows it.
     */
    void writeNew(Path file, byte[] bytes, boolean ownerOnly) {
        try {
            Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            if (ownerOnly && Files.getFileStore(file).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> rw = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
                Files.setPosixFilePermissions(file, rw);
            }
        } catch (FileAlreadyExistsException e) {
            throw CliFailure.io("cannot write " + file + ": it already exists; a key file is never overwritten");
        } catch (IOException e) {
            throw CliFailure.io("cannot write " + file + ": " + reason(e));
        }
    }

    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : CliFailure.oneLine(m);
    }
}
