#!/usr/bin/env python3
"""Checks a Central Portal bundle (a zip in Maven repository layout) before it is uploaded.

Usage: verify-bundle.py BUNDLE.zip --group io.github.racrec --version 0.1.0
       --published racrec-parent,racrec-bom,racrec-api,racrec-onnx,racrec-training

Every published artifact must have its pom (and, for a jar, its jar, sources and javadoc jars);
every file a detached .asc signature that gpg verifies (GNUPGHOME holds the public key) and .md5
and .sha1 checksums (and .sha256/.sha512 where present) that match; every pom, with what it
inherits from a parent in the bundle, a name, description, url, licenses, developers and scm; the
BOM must manage every published jar; no pom may name a SNAPSHOT. Prints every failure, exits 1 if
there is one.
"""
import argparse
import hashlib
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
CHECKSUMS = {".md5": "md5", ".sha1": "sha1", ".sha256": "sha256", ".sha512": "sha512"}
REQUIRED_CHECKSUMS = (".md5", ".sha1")
INHERITED = ("url", "licenses", "developers", "scm")


def text(element, path):
    found = element.find(path, NS)
    return found.text.strip() if found is not None and found.text else None


def verify_signature(file, failures):
    signature = file.with_name(file.name + ".asc")
    if not signature.is_file():
        failures.append(f"{file.name}: no .asc signature")
        return
    result = subprocess.run(
        ["gpg", "--batch", "--verify", str(signature), str(file)], capture_output=True, text=True
    )
    if result.returncode != 0:
        failures.append(f"{file.name}: signature does not verify: {result.stderr.strip()[:200]}")


def verify_checksums(file, failures):
    data = file.read_bytes()
    for suffix, algorithm in CHECKSUMS.items():
        checksum = file.with_name(file.name + suffix)
        if not checksum.is_file():
            if suffix in REQUIRED_CHECKSUMS:
                failures.append(f"{file.name}: no {suffix} checksum")
            continue
        expected = checksum.read_text().split()[0].strip().lower()
        if hashlib.new(algorithm, data).hexdigest() != expected:
            failures.append(f"{file.name}: {suffix} checksum does not match")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle")
    parser.add_argument("--group", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--published", required=True)
    parser.add_argument("--bom", default="racrec-bom")
    args = parser.parse_args()
    published = args.published.split(",")
    failures = []
    if "SNAPSHOT" in args.version:
        failures.append(f"version {args.version} is a SNAPSHOT")

    with tempfile.TemporaryDirectory() as unpacked:
        root = Path(unpacked)
        with zipfile.ZipFile(args.bundle) as bundle:
            bundle.extractall(root)
        group_dir = root.joinpath(*args.group.split("."))
        found = sorted(p.name for p in group_dir.iterdir()) if group_dir.is_dir() else []
        for extra in set(found) - set(published):
            failures.append(f"{extra}: in the bundle but not meant to be published")

        poms = {}
        jars = []
        for artifact in published:
            folder = group_dir / artifact / args.version
            pom_file = folder / f"{artifact}-{args.version}.pom"
            if not pom_file.is_file():
                failures.append(f"{artifact}: no pom in the bundle")
                continue
            pom = ET.parse(pom_file).getroot()
            poms[artifact] = pom
            files = [pom_file]
            if (text(pom, "m:packaging") or "jar") == "jar":
                jars.append(artifact)
                for suffix in ("", "-sources", "-javadoc"):
                    jar = folder / f"{artifact}-{args.version}{suffix}.jar"
                    if jar.is_file():
                        files.append(jar)
                    else:
                        failures.append(f"{artifact}: no {jar.name}")
            for extra in folder.glob("*.jar"):
                if extra not in files:
                    files.append(extra)
            for file in files:
                verify_signature(file, failures)
                verify_checksums(file, failures)
            if "SNAPSHOT" in pom_file.read_text():
                failures.append(f"{artifact}: its pom names a SNAPSHOT")

        for artifact, pom in poms.items():
            for field in ("name", "description"):
                if not text(pom, f"m:{field}"):
                    failures.append(f"{artifact}: pom has no <{field}>")
            for field in INHERITED:
                owner, chain = pom, []
                while owner is not None and owner.find(f"m:{field}", NS) is None:
                    parent = text(owner, "m:parent/m:artifactId")
                    chain.append(parent)
                    owner = poms.get(parent)
                if owner is None:
                    failures.append(f"{artifact}: no <{field}> in its pom or its parents {chain}")

        bom = poms.get(args.bom)
        if bom is not None:
            managed = {
                text(d, "m:artifactId")
                for d in bom.findall("m:dependencyManagement/m:dependencies/m:dependency", NS)
            }
            for artifact in jars:
                if artifact not in managed:
                    failures.append(f"{args.bom}: does not manage {artifact}")

    for failure in failures:
        print("FAIL: " + failure)
    if failures:
        sys.exit(1)
    print(f"bundle ok: {len(poms)} artifacts ({', '.join(poms)}), all signed and checksummed")


if __name__ == "__main__":
    main()
