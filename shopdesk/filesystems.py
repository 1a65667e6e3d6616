"""Where a file lives: a local disk, or a network share.

SQLite's locking is unsafe on network shares (a database there is refused),
and an import file there is read with plain reads rather than a memory map: a
mapped file whose share drops mid-read takes the process down, where a read
fails with an error the import reports.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def is_network_path(path: Path) -> bool:
    """True when ``path`` is on a network share (a UNC path, a mapped network drive, an NFS/SMB mount)."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes

        drive = os.path.splitdrive(text)[0]
        if drive:
            DRIVE_REMOTE = 4
            return ctypes.windll.kernel32.GetDriveTypeW(drive + "\\") == DRIVE_REMOTE
        return False
    return _linux_mount_fstype(path) in {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "fuse.sshfs"}


def _linux_mount_fstype(path: Path) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, fstype = "", None
    target = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        inside = target == mount_point or target.startswith(mount_point.rstrip("/") + "/")
        if inside and len(mount_point) > len(best):
            best, fstype = mount_point, parts[2]
    return fstype
