"""An independent IMAP SASL client for ChallengeResponseAuthTest: python's own imaplib,
hmac and hashlib, nothing of Loft. Usage: sasl_client.py HOST PORT MECH USER PASSWORD.
Prints OK or NO and the server's text; exits 0 on OK, 1 on NO."""
import base64, hashlib, hmac, imaplib, os, sys

host, port, mech, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
imap = imaplib.IMAP4(host, port)


def scram(name):
    digest = hashlib.sha1 if name == "SCRAM-SHA-1" else hashlib.sha256
    nonce = base64.b64encode(os.urandom(18)).decode()
    first_bare = "n=" + user.replace("=", "=3D").replace(",", "=2C") + ",r=" + nonce
    state = {}

    def step(challenge):
        if "salted" not in state and not challenge:
            return ("n,," + first_bare).encode()
        if "salted" not in state:
            server_first = challenge.decode()
            attrs = dict(a.split("=", 1) for a in server_first.split(","))
            assert attrs["r"].startswith(nonce)
            salted = hashlib.pbkdf2_hmac(digest().name, password.encode(), base64.b64decode(attrs["s"]), int(attrs["i"]))
            final_bare = "c=biws,r=" + attrs["r"]
            auth_message = (first_bare + "," + server_first + "," + final_bare).encode()
            client_key = hmac.new(salted, b"Client Key", digest).digest()
            signature = hmac.new(digest(client_key).digest(), auth_message, digest).digest()
            proof = bytes(a ^ b for a, b in zip(client_key, signature))
            state["salted"] = salted
            state["server_signature"] = hmac.new(hmac.new(salted, b"Server Key", digest).digest(), auth_message, digest).digest()
            return (final_bare + ",p=" + base64.b64encode(proof).decode()).encode()
        if challenge.decode() != "v=" + base64.b64encode(state["server_signature"]).decode():
            print("BADSERVER wrong server signature")
            sys.exit(2)
        state["verified"] = True
        return b""
    return step, state


try:
    if mech == "CRAM-MD5":
        typ, data = imap.login_cram_md5(user, password)
    elif mech == "PLAIN":
        typ, data = imap.authenticate("PLAIN", lambda _: ("\0" + user + "\0" + password).encode())
    else:
        step, state = scram(mech)
        typ, data = imap.authenticate(mech, step)
        if not state.get("verified"):
            print("BADSERVER no server signature")
            sys.exit(2)
    print("OK", data[0].decode())
    imap.logout()
    sys.exit(0)
except imaplib.IMAP4.error as e:
    print("NO", e)
    sys.exit(1)
