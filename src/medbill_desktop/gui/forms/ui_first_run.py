# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'first_run.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

class Ui_FirstRunDialog(object):
    def setupUi(self, FirstRunDialog):
        if not FirstRunDialog.objectName():
            FirstRunDialog.setObjectName(u"FirstRunDialog")
        FirstRunDialog.resize(900, 560)
        self.mainLayout = QVBoxLayout(FirstRunDialog)
        self.mainLayout.setSpacing(12)
        self.mainLayout.setObjectName(u"mainLayout")
        self.mainLayout.setContentsMargins(20, 16, 20, 16)
        self.titleLabel = QLabel(FirstRunDialog)
        self.titleLabel.setObjectName(u"titleLabel")
        self.titleLabel.setProperty(u"role", u"title")

        self.mainLayout.addWidget(self.titleLabel)

        self.introLabel = QLabel(FirstRunDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)
        self.introLabel.setProperty(u"role", u"hint")

        self.mainLayout.addWidget(self.introLabel)

        self.columnsLayout = QHBoxLayout()
        self.columnsLayout.setSpacing(16)
        self.columnsLayout.setObjectName(u"columnsLayout")
        self.practiceGroup = QGroupBox(FirstRunDialog)
        self.practiceGroup.setObjectName(u"practiceGroup")
        self.practiceForm = QFormLayout(self.practiceGroup)
        self.practiceForm.setObjectName(u"practiceForm")
        self.practiceForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.nameLabel = QLabel(self.practiceGroup)
        self.nameLabel.setObjectName(u"nameLabel")

        self.practiceForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.nameLabel)

        self.nameEdit = QLineEdit(self.practiceGroup)
        self.nameEdit.setObjectName(u"nameEdit")

        self.practiceForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.nameEdit)

        self.npiLabel = QLabel(self.practiceGroup)
        self.npiLabel.setObjectName(u"npiLabel")

        self.practiceForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.npiLabel)

        self.npiEdit = QLineEdit(self.practiceGroup)
        self.npiEdit.setObjectName(u"npiEdit")
        self.npiEdit.setMaxLength(10)

        self.practiceForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.npiEdit)

        self.taxIdLabel = QLabel(self.practiceGroup)
        self.taxIdLabel.setObjectName(u"taxIdLabel")

        self.practiceForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.taxIdLabel)

        self.taxIdEdit = QLineEdit(self.practiceGroup)
        self.taxIdEdit.setObjectName(u"taxIdEdit")
        self.taxIdEdit.setMaxLength(10)

        self.practiceForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.taxIdEdit)

        self.taxonomyLabel = QLabel(self.practiceGroup)
        self.taxonomyLabel.setObjectName(u"taxonomyLabel")

        self.practiceForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.taxonomyLabel)

        self.taxonomyEdit = QLineEdit(self.practiceGroup)
        self.taxonomyEdit.setObjectName(u"taxonomyEdit")
        self.taxonomyEdit.setMaxLength(10)

        self.practiceForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.taxonomyEdit)

        self.line1Label = QLabel(self.practiceGroup)
        self.line1Label.setObjectName(u"line1Label")

        self.practiceForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.line1Label)

        self.line1Edit = QLineEdit(self.practiceGroup)
        self.line1Edit.setObjectName(u"line1Edit")

        self.practiceForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.line1Edit)

        self.line2Label = QLabel(self.practiceGroup)
        self.line2Label.setObjectName(u"line2Label")

        self.practiceForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.line2Label)

        self.line2Edit = QLineEdit(self.practiceGroup)
        self.line2Edit.setObjectName(u"line2Edit")

        self.practiceForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.line2Edit)

        self.cityLabel = QLabel(self.practiceGroup)
        self.cityLabel.setObjectName(u"cityLabel")

        self.practiceForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.cityLabel)

        self.cityLayout = QHBoxLayout()
        self.cityLayout.setObjectName(u"cityLayout")
        self.cityEdit = QLineEdit(self.practiceGroup)
        self.cityEdit.setObjectName(u"cityEdit")

        self.cityLayout.addWidget(self.cityEdit)

        self.stateEdit = QLineEdit(self.practiceGroup)
        self.stateEdit.setObjectName(u"stateEdit")
        self.stateEdit.setMaximumSize(QSize(52, 16777215))
        self.stateEdit.setMaxLength(2)

        self.cityLayout.addWidget(self.stateEdit)

        self.zipEdit = QLineEdit(self.practiceGroup)
        self.zipEdit.setObjectName(u"zipEdit")
        self.zipEdit.setMaximumSize(QSize(110, 16777215))
        self.zipEdit.setMaxLength(10)

        self.cityLayout.addWidget(self.zipEdit)


        self.practiceForm.setLayout(6, QFormLayout.ItemRole.FieldRole, self.cityLayout)

        self.phoneLabel = QLabel(self.practiceGroup)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.practiceForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.phoneLabel)

        self.phoneEdit = QLineEdit(self.practiceGroup)
        self.phoneEdit.setObjectName(u"phoneEdit")

        self.practiceForm.setWidget(7, QFormLayout.ItemRole.FieldRole, self.phoneEdit)


        self.columnsLayout.addWidget(self.practiceGroup)

        self.rightColumn = QVBoxLayout()
        self.rightColumn.setSpacing(12)
        self.rightColumn.setObjectName(u"rightColumn")
        self.adminGroup = QGroupBox(FirstRunDialog)
        self.adminGroup.setObjectName(u"adminGroup")
        self.adminForm = QFormLayout(self.adminGroup)
        self.adminForm.setObjectName(u"adminForm")
        self.adminForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.usernameLabel = QLabel(self.adminGroup)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.adminForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.usernameLabel)

        self.usernameEdit = QLineEdit(self.adminGroup)
        self.usernameEdit.setObjectName(u"usernameEdit")
        self.usernameEdit.setMaxLength(32)

        self.adminForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.usernameEdit)

        self.fullNameLabel = QLabel(self.adminGroup)
        self.fullNameLabel.setObjectName(u"fullNameLabel")

        self.adminForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.fullNameLabel)

        self.fullNameEdit = QLineEdit(self.adminGroup)
        self.fullNameEdit.setObjectName(u"fullNameEdit")

        self.adminForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.fullNameEdit)

        self.passwordLabel = QLabel(self.adminGroup)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.adminForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passwordLabel)

        self.passwordEdit = QLineEdit(self.adminGroup)
        self.passwordEdit.setObjectName(u"passwordEdit")
        self.passwordEdit.setEchoMode(QLineEdit.Password)

        self.adminForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.passwordEdit)

        self.password2Label = QLabel(self.adminGroup)
        self.password2Label.setObjectName(u"password2Label")

        self.adminForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.password2Label)

        self.password2Edit = QLineEdit(self.adminGroup)
        self.password2Edit.setObjectName(u"password2Edit")
        self.password2Edit.setEchoMode(QLineEdit.Password)

        self.adminForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.password2Edit)


        self.rightColumn.addWidget(self.adminGroup)

        self.passphraseGroup = QGroupBox(FirstRunDialog)
        self.passphraseGroup.setObjectName(u"passphraseGroup")
        self.passphraseForm = QFormLayout(self.passphraseGroup)
        self.passphraseForm.setObjectName(u"passphraseForm")
        self.passphraseForm.setLabelAlignment(Qt.AlignRight|Qt.AlignVCenter)
        self.passphraseHint = QLabel(self.passphraseGroup)
        self.passphraseHint.setObjectName(u"passphraseHint")
        self.passphraseHint.setWordWrap(True)
        self.passphraseHint.setProperty(u"role", u"hint")

        self.passphraseForm.setWidget(0, QFormLayout.ItemRole.SpanningRole, self.passphraseHint)

        self.passphraseLabel = QLabel(self.passphraseGroup)
        self.passphraseLabel.setObjectName(u"passphraseLabel")

        self.passphraseForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.passphraseLabel)

        self.passphraseEdit = QLineEdit(self.passphraseGroup)
        self.passphraseEdit.setObjectName(u"passphraseEdit")
        self.passphraseEdit.setEchoMode(QLineEdit.Password)

        self.passphraseForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.passphraseEdit)

        self.passphrase2Label = QLabel(self.passphraseGroup)
        self.passphrase2Label.setObjectName(u"passphrase2Label")

        self.passphraseForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.passphrase2Label)

        self.passphrase2Edit = QLineEdit(self.passphraseGroup)
        self.passphrase2Edit.setObjectName(u"passphrase2Edit")
        self.passphrase2Edit.setEchoMode(QLineEdit.Password)

        self.passphraseForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.passphrase2Edit)


        self.rightColumn.addWidget(self.passphraseGroup)

        self.rightSpacer = QSpacerItem(20, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.rightColumn.addItem(self.rightSpacer)


        self.columnsLayout.addLayout(self.rightColumn)


        self.mainLayout.addLayout(self.columnsLayout)

        self.errorLabel = QLabel(FirstRunDialog)
        self.errorLabel.setObjectName(u"errorLabel")
        self.errorLabel.setWordWrap(True)
        self.errorLabel.setProperty(u"role", u"error")

        self.mainLayout.addWidget(self.errorLabel)

        self.buttons = QDialogButtonBox(FirstRunDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.Cancel|QDialogButtonBox.Ok)

        self.mainLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.nameEdit)
        self.npiLabel.setBuddy(self.npiEdit)
        self.taxIdLabel.setBuddy(self.taxIdEdit)
        self.taxonomyLabel.setBuddy(self.taxonomyEdit)
        self.line1Label.setBuddy(self.line1Edit)
        self.line2Label.setBuddy(self.line2Edit)
        self.cityLabel.setBuddy(self.cityEdit)
        self.phoneLabel.setBuddy(self.phoneEdit)
        self.usernameLabel.setBuddy(self.usernameEdit)
        self.fullNameLabel.setBuddy(self.fullNameEdit)
        self.passwordLabel.setBuddy(self.passwordEdit)
        self.password2Label.setBuddy(self.password2Edit)
        self.passphraseLabel.setBuddy(self.passphraseEdit)
        self.passphrase2Label.setBuddy(self.passphrase2Edit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.nameEdit, self.npiEdit)
        QWidget.setTabOrder(self.npiEdit, self.taxIdEdit)
        QWidget.setTabOrder(self.taxIdEdit, self.taxonomyEdit)
        QWidget.setTabOrder(self.taxonomyEdit, self.line1Edit)
        QWidget.setTabOrder(self.line1Edit, self.line2Edit)
        QWidget.setTabOrder(self.line2Edit, self.cityEdit)
        QWidget.setTabOrder(self.cityEdit, self.stateEdit)
        QWidget.setTabOrder(self.stateEdit, self.zipEdit)
        QWidget.setTabOrder(self.zipEdit, self.phoneEdit)
        QWidget.setTabOrder(self.phoneEdit, self.usernameEdit)
        QWidget.setTabOrder(self.usernameEdit, self.fullNameEdit)
        QWidget.setTabOrder(self.fullNameEdit, self.passwordEdit)
        QWidget.setTabOrder(self.passwordEdit, self.password2Edit)
        QWidget.setTabOrder(self.password2Edit, self.passphraseEdit)
        QWidget.setTabOrder(self.passphraseEdit, self.passphrase2Edit)

        self.retranslateUi(FirstRunDialog)

        QMetaObject.connectSlotsByName(FirstRunDialog)
    # setupUi

    def retranslateUi(self, FirstRunDialog):
        FirstRunDialog.setWindowTitle(QCoreApplication.translate("FirstRunDialog", u"MedBill Desktop \u2014 set up this workstation", None))
        self.titleLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Set up this workstation", None))
        self.introLabel.setText(QCoreApplication.translate("FirstRunDialog", u"This creates the practice's encrypted database on this computer and its first manager account. The practice details are printed on every claim and statement; a manager can change them later in Practice settings.", None))
        self.practiceGroup.setTitle(QCoreApplication.translate("FirstRunDialog", u"Practice (billing provider)", None))
        self.nameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Billing na&me", None))
        self.nameEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"as the payers know it", None))
        self.npiLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&NPI", None))
        self.npiEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"10 digits", None))
        self.taxIdLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Tax ID (EIN)", None))
        self.taxIdEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"12-3456789", None))
        self.taxonomyLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Ta&xonomy code", None))
        self.taxonomyEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"e.g. 207Q00000X (family medicine)", None))
        self.line1Label.setText(QCoreApplication.translate("FirstRunDialog", u"Street &address", None))
        self.line2Label.setText(QCoreApplication.translate("FirstRunDialog", u"Address line &2", None))
        self.line2Edit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"suite, floor (optional)", None))
        self.cityLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Cit&y, state, ZIP", None))
        self.cityEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"City", None))
        self.stateEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"ST", None))
        self.zipEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"ZIP", None))
        self.phoneLabel.setText(QCoreApplication.translate("FirstRunDialog", u"P&hone", None))
        self.phoneEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"(217) 555-0100", None))
        self.adminGroup.setTitle(QCoreApplication.translate("FirstRunDialog", u"Administrator (a manager account)", None))
        self.usernameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&User name", None))
        self.usernameEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"e.g. jsmith", None))
        self.fullNameLabel.setText(QCoreApplication.translate("FirstRunDialog", u"&Full name", None))
        self.passwordLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Pass&word", None))
        self.passwordEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"at least 8 characters", None))
        self.password2Label.setText(QCoreApplication.translate("FirstRunDialog", u"&Confirm password", None))
        self.passphraseGroup.setTitle(QCoreApplication.translate("FirstRunDialog", u"Practice passphrase", None))
        self.passphraseHint.setText(QCoreApplication.translate("FirstRunDialog", u"This computer has no secure keyring, so the database key is made from a passphrase. Everyone who opens this database will need it: keep it somewhere safe.", None))
        self.passphraseLabel.setText(QCoreApplication.translate("FirstRunDialog", u"Pass&phrase", None))
        self.passphraseEdit.setPlaceholderText(QCoreApplication.translate("FirstRunDialog", u"at least 10 characters", None))
        self.passphrase2Label.setText(QCoreApplication.translate("FirstRunDialog", u"Confirm pa&ssphrase", None))
        self.errorLabel.setText("")
    # retranslateUi

